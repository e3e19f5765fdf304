'use client';

/**
 * A framed panel of the wall screen with its title; `filled` says whether its figures have arrived (e2e checks it),
 * `empty` why there is nothing to draw (shown in place of the chart, never empty axes).
 */
export function Panel({
  id,
  title,
  filled,
  children,
  className = '',
  empty = null,
}: {
  id: string;
  title: string;
  filled: boolean;
  children: React.ReactNode;
  className?: string;
  empty?: string | null;
}) {
  return (
    <section className={`screen-panel ${className}`} data-testid={`panel-${id}`} data-filled={filled ? 'true' : 'false'}>
      <h2 className="screen-panel-title">{title}</h2>
      <div className="screen-panel-body">
        {empty ? (
          <div className="panel-empty" data-testid={`panel-${id}-empty`}>
            {empty}
          </div>
        ) : (
          children
        )}
      </div>
    </section>
  );
}
