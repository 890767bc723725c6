// What npm shows and what installs check: the license file for the declared license, where the
// project lives, and an `engines` range equal to the one scripts/check-node.sh enforces.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

test('LICENSE is the MIT license package.json declares', () => {
  assert.equal(pkg.license, 'MIT');
  const text = readFileSync(join(root, 'LICENSE'), 'utf8');
  assert.match(text, /^MIT License\n\nCopyright \(c\) \d{4} /);
  assert.match(text, /Permission is hereby granted, free of charge, to any person obtaining a copy/);
  assert.match(text, /THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND/);
});

test('repository, homepage and bugs point at the project', () => {
  assert.deepEqual(pkg.repository, { type: 'git', url: 'git+https://github.com/midtrans-card/midtrans-card.git' });
  assert.equal(pkg.homepage, 'https://github.com/midtrans-card/midtrans-card#readme');
  assert.deepEqual(pkg.bugs, { url: 'https://github.com/midtrans-card/midtrans-card/issues' });
});

test('engines is the range scripts/check-node.sh enforces, and this Node satisfies it', () => {
  const script = readFileSync(join(root, 'scripts/check-node.sh'), 'utf8');
  assert.equal(script.match(/^REQUIRED='([^']+)'$/m)?.[1], pkg.engines.node);
  const [major, minor] = process.versions.node.split('.').map(Number);
  assert.ok((major === 20 && minor >= 11) || major > 20, process.versions.node);
});
