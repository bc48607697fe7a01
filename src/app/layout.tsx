/**
 * The root layout: <html lang="en">, the design system's CSS, and a header with the ERP's name
 * and, when someone is signed in, who it is and a "Sign out" button (logoutAction).
 */
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { auth } from '@/lib/auth/auth';
import { SiteHeader } from '@/components/layout/SiteHeader';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'School ERP', template: '%s · School ERP' },
  description: 'School ERP administration',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await auth().catch(() => null); // the header only; the page itself reports why it cannot load
  return (
    <html lang="en">
      <body>
        <SiteHeader user={user} />
        <main>{children}</main>
      </body>
    </html>
  );
}
