/** The home page: the ERP's only page so far is the backups admin, so go there. */
import { redirect } from 'next/navigation';

export default function Home(): never {
  redirect('/admin/backups');
}
