import type { NextConfig } from 'next';
import { describe, expect, it } from 'vitest';
import { DEFAULT_JSON_LIMIT_BYTES } from '../../lib/api/json-body';
import { FORM_OVERHEAD_BYTES } from '../../lib/api/upload';
import { MAX_BASE_IMPORT_BYTES } from '../../lib/import/base/form';
import { MAX_IMPORT_BYTES } from '../../lib/import/table';
import { PHOTO_MAX_BYTES } from '../../lib/photos/process-photo';
import { PLANNER_BODY_LIMIT_BYTES } from '../../lib/planning/http';

// The config is plain JavaScript, as Next reads it; its type comes from Next.
const { default: nextConfig } = (await import('../../next.config.js' as string)) as { default: NextConfig };

describe('request body limits', () => {
  it('lets every body a route accepts through the proxy whole, so the route answers for its own limit', () => {
    const largest = Math.max(
      DEFAULT_JSON_LIMIT_BYTES,
      PLANNER_BODY_LIMIT_BYTES,
      MAX_IMPORT_BYTES + FORM_OVERHEAD_BYTES,
      MAX_BASE_IMPORT_BYTES + FORM_OVERHEAD_BYTES,
      PHOTO_MAX_BYTES + FORM_OVERHEAD_BYTES,
    );
    expect(nextConfig.experimental?.proxyClientMaxBodySize).toBeGreaterThan(largest);
  });
});
