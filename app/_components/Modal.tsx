'use client';

import { useEffect, useId } from 'react';
import { useT } from './i18n-context';

export interface ModalProps {
  title: React.ReactNode;
  /** `data-testid` of the dialog; its close button is `<testId>-close`. */
  testId: string;
  className?: string;
  onClose(): void;
  footer?: React.ReactNode;
  children: React.ReactNode;
}

/** A dialog over the page: a title with a close button, a scrolling body and a footer; Escape or the backdrop close it. */
export function Modal({ title, testId, className, onClose, footer, children }: ModalProps) {
  const t = useT();
  const titleId = useId();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a click on the backdrop is a shortcut; Escape and the close button also close
    <div className="hz-modal-backdrop" role="presentation" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div className={`hz-modal ${className ?? ''}`} role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid={testId}>
        <header className="hz-side-head">
          <h3 id={titleId}>{title}</h3>
          <button type="button" className="close" onClick={onClose} aria-label={t('hz.close')} data-testid={`${testId}-close`}>
            ×
          </button>
        </header>
        <div className="hz-modal-body">{children}</div>
        {footer && <footer className="hz-modal-foot">{footer}</footer>}
      </div>
    </div>
  );
}
