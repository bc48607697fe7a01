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

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    return () => {
      if (dialog.open) dialog.close();
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
