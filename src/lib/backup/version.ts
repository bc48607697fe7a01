/** The application version recorded in every backup's manifest. */
import packageJson from '../../../package.json';

export const APP_VERSION: string = packageJson.version;
