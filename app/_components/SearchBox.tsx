'use client';

import { useEffect, useState } from 'react';
import type { SearchHit } from '@/db/queries/search';
import { useT } from './i18n-context';

export interface SearchBoxProps {
  villages: string[];
  onPick(hit: SearchHit): void;
}

/** Finds villages, buildings, units, stations and water sources by name, code or responsible person. */
export function SearchBox({ villages, onPick }: SearchBoxProps) {
  const t = useT();
  const [text, setText] = useState('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);

  useEffect(() => {
    const query = text.trim();
    if (query.length === 0) {
      setHits(null);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      const params = new URLSearchParams({ q: query.slice(0, 50) });
      for (const code of villages) params.append('village', code);
      try {
        const response = await fetch(`/api/v1/search?${params}`, { signal: controller.signal });
        if (response.ok) setHits(((await response.json()) as { hits: SearchHit[] }).hits);
      } catch {
        // superseded by a newer query
      }
    }, 200);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text, villages]);

  return (
    <div className="search">
      <input
        type="search"
        value={text}
        onChange={(event) => setText(event.target.value)}
        placeholder={t('panel.search')}
        aria-label={t('panel.search')}
        maxLength={50}
        data-testid="search-input"
      />
      {hits && (
        <ul className="search-results" data-testid="search-results">
          {hits.length === 0 && <li className="muted">{t('panel.noResults')}</li>}
          {hits.map((hit) => (
            <li key={`${hit.layer}-${hit.id}`}>
              <button
                type="button"
                onClick={() => {
                  onPick(hit);
                  setHits(null);
                }}
              >
                <span className="hit-label">{hit.label}</span>
                <span className="hit-meta">
                  {t(`layer.${hit.layer}`)}
                  {hit.village ? ` · ${hit.village}` : ''}
                  {hit.detail ? ` · ${hit.detail}` : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
