import { col, nullable } from './column-builder';
import { schemaFingerprint, sourceSchemaFingerprint } from './schema-fingerprint';

const columns = [col.integer('id'), col.string('email', nullable({ pii: 'email' })), col.decimal('total', 14, 2)];

describe('schemaFingerprint', () => {
  it('is a sha256 hex digest, stable across calls', () => {
    const fingerprint = schemaFingerprint(columns);
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    // Pinned: manifests written today must still match after a refactor.
    expect(fingerprint).toBe(schemaFingerprint(JSON.parse(JSON.stringify(columns))));
    expect(fingerprint).toBe('7e2d7bb1bbd44eca8d2b093e78913e7e7c1d1ffa24080255aab7b024042f76f2');
  });

  it('ignores descriptions and PII tags', () => {
    expect(schemaFingerprint([col.integer('id', { description: 'x' }), col.string('email', nullable()), col.decimal('total', 14, 2)]))
      .toBe(schemaFingerprint(columns));
  });

  it.each([
    ['a renamed column', [col.integer('id'), col.string('mail', nullable()), col.decimal('total', 14, 2)]],
    ['a retyped column', [col.string('id'), col.string('email', nullable()), col.decimal('total', 14, 2)]],
    ['another decimal scale', [col.integer('id'), col.string('email', nullable()), col.decimal('total', 14, 3)]],
    ['changed nullability', [col.integer('id'), col.string('email'), col.decimal('total', 14, 2)]],
    ['another column order', [col.string('email', nullable()), col.integer('id'), col.decimal('total', 14, 2)]],
    ['an extra column', [...columns, col.json('extra', nullable())]],
  ])('changes with %s', (_what, changed) => {
    expect(schemaFingerprint(changed)).not.toBe(schemaFingerprint(columns));
  });
});

describe('sourceSchemaFingerprint', () => {
  const columns = [{ name: 'id', type: { kind: 'integer' as const }, nullable: false }];

  it('is the contract fingerprint when the source added nothing', () => {
    expect(sourceSchemaFingerprint(columns, [])).toBe(schemaFingerprint(columns));
  });

  it('changes when the source adds a column, whatever the order or case of the names', () => {
    const drifted = sourceSchemaFingerprint(columns, ['gift_message', 'Promo_Code']);
    expect(drifted).not.toBe(schemaFingerprint(columns));
    expect(sourceSchemaFingerprint(columns, ['promo_code', 'gift_message'])).toBe(drifted);
    expect(sourceSchemaFingerprint(columns, ['gift_message'])).not.toBe(drifted);
  });
});
