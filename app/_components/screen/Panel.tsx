'use client';

/** A framed panel of the wall screen with its title; `filled` says whether it has data (e2e checks it). */
export function Panel({
  id,
  title,
  filled,
  children,
  className = '',
}: {
  id: string;
  title: string;
  filled: boolean;
  children: React.ReactNode;
  className?: string;
}) {
  return (
    <section className={`screen-panel ${className}`} data-testid={`panel-${id}`} data-filled={filled ? 'true' : 'false'}>
      <h2 className="screen-panel-title">{title}</h2>
      <div className="screen-panel-body">{children}</div>
    </section>
  );
}
