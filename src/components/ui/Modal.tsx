'use client';
/**
 * A modal built on the native <dialog> opened with showModal(): the browser traps focus, makes
 * the page behind inert and closes on Esc. Mounting opens it; `onClose` runs when it closes (Esc,
 * a Cancel button calling it, or unmount), and focus then returns to the element that had it
 * when the dialog opened. While `locked` is true (work that cannot be interrupted), Esc is
 * ignored and the caller shows no close button.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';

export interface ModalProps {
  title: string;
  onClose(): void;
  locked?: boolean;
  children: ReactNode;
  footer: ReactNode;
}

export function Modal({ title, onClose, locked = false, children, footer }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  const lockedRef = useRef(locked);
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    lockedRef.current = locked;
    onCloseRef.current = onClose;
  });

  // Opened once per mount. React's development double effects run the cleanup while the dialog
  // stays in the document: closing it there would fire `close` and the parent would drop it
  // within a frame. So the cleanup never closes the dialog (unmounting removes it), and focus
  // goes back to the opener (remembered once, before the dialog took focus) only on a real unmount.
  const openerRef = useRef<HTMLElement | null | undefined>(undefined);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (openerRef.current === undefined) openerRef.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    return () => {
      if (dialog.isConnected) return;
      const opener = openerRef.current;
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className="modal"
      aria-labelledby={headingId}
      onCancel={(event) => {
        event.preventDefault(); // Esc: close through React state, or not at all while locked
        if (!lockedRef.current) onCloseRef.current();
      }}
      onClose={() => {
        if (!lockedRef.current) onCloseRef.current();
        else ref.current?.showModal(); // the browser closed it anyway while locked: reopen
      }}
    >
      <div className="modal-body">
        <h2 id={headingId}>{title}</h2>
        {children}
      </div>
      <div className="modal-footer">{footer}</div>
    </dialog>
  );
}
