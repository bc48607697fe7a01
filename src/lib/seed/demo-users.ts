/**
 * The demo accounts every seed creates in the first school, so that a fresh database can be
 * signed into at once. The demo script prints these; nothing else should depend on the values.
 */

export interface DemoCredentials {
  email: string;
  password: string;
  name: string;
  role: 'ADMIN' | 'TEACHER';
}

export const DEMO_ADMIN: DemoCredentials = {
  email: 'admin@school.test',
  password: 'admin-demo-password',
  name: 'Demo Administrator',
  role: 'ADMIN',
};

export const DEMO_TEACHER: DemoCredentials = {
  email: 'teacher@school.test',
  password: 'teacher-demo-password',
  name: 'Demo Teacher',
  role: 'TEACHER',
};

export const DEMO_USERS: readonly DemoCredentials[] = [DEMO_ADMIN, DEMO_TEACHER];
