import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { presetResolver } from '../../src/presets/index.js';

describe('presetResolver (each preset file parsed once a process)', () => {
  it('gives each caller its own copy: what one does with its document never reaches the next', () => {
    const first = presetResolver('choreo') as Record<string, unknown>;
    const second = presetResolver('choreo') as Record<string, unknown>;
    assert.notEqual(first, second);
    assert.deepEqual(first, second);
    const keys = Object.keys(first);
    assert.ok(keys.length > 0);
    for (const key of keys) delete first[key];
    first.tampered = true;
    assert.deepEqual(presetResolver('choreo'), second);
  });

  it('answers undefined for an unknown or malformed name, as before', () => {
    assert.equal(presetResolver('no-such-preset'), undefined);
    assert.equal(presetResolver('../package'), undefined);
  });
});
