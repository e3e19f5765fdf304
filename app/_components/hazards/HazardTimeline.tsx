'use client';

import { enumLabel } from '@/lib/i18n';
import { chinaDateTime } from '@/lib/time';
import { useLocale, useT } from '../i18n-context';
import type { HazardEvent } from './types';

/** Who did what and when (created, notified, each step, sent back, edited), oldest first, with notes. */
export function HazardTimeline({ events }: { events: HazardEvent[] }) {
  const t = useT();
  const locale = useLocale();
  const status = (code: string | null) => (code ? enumLabel(locale, 'hazard_status', code) : '');
  const describe = (event: HazardEvent): string => {
    switch (event.action) {
      case 'created':
        return t('hz.event.created');
      case 'notified':
        return `${t('hz.event.notified')} · ${event.notify_method ? enumLabel(locale, 'notify_method', event.notify_method) : ''}`;
      case 'reopened':
        return `${t('hz.event.reopened')}：${status(event.from_status)} → ${status(event.to_status)}`;
      case 'transition':
        return `${status(event.from_status)} → ${status(event.to_status)}`;
      case 'edited':
        return t('hz.event.edited');
      default:
        return event.action;
    }
  };
  return (
    <section className="hz-timeline" data-testid="hazard-timeline">
      <h4>{t('hz.timeline')}</h4>
      <ol>
        {events.map((event) => (
          <li
            key={event.id}
            className={`hz-event hz-event-${event.action}${event.to_status ? ` to-${event.to_status}` : ''}`}
            data-testid="timeline-event"
            data-action={event.action}
          >
            <div className="hz-event-what">{describe(event)}</div>
            <div className="hz-event-meta">
              {event.actor} · {chinaDateTime(event.at)}
            </div>
            {event.note && <div className="hz-event-note">{event.note}</div>}
          </li>
        ))}
      </ol>
    </section>
  );
}
