/**
 * Freed memory DuckDB may keep before handing it back. One writer converts
 * every part of a run, and at DuckDB's defaults (128 MB per task, 512 MB on
 * a bulk free) each part's conversion left some behind: a 500k-ticket run
 * (50 parts) ended ~40 MB above a 10k one. At 1 MB a part's buffers go back
 * when it is written (docs/performance-sources.md, Zendesk extraction).
 */
export const ZENDESK_ALLOCATOR_FLUSH_THRESHOLD = '1MB';
