import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Move } from '#core/rename/plan-types';
import { moveScript, shellQuote } from './move-script';
import { netMoves } from './net-moves';

const ROOT = '/f1';
const move = (from: string, to: string, extra: Partial<Move> = {}): Move => ({
  from: `${ROOT}/${from}`,
  to: `${ROOT}/${to}`,
  bookId: 'b',
  ...extra,
});

function listing(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listing(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

describe('moveScript', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function folderWith(files: string[]): string {
    const dir = mkdtempSync(join(tmpdir(), 'colophon-script-'));
    dirs.push(dir);
    for (const file of files) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), file);
    }
    return dir;
  }

  it('quotes anything a name can hold', () => {
    expect(shellQuote(`it's $HOME`)).toBe(`'it'\\''s $HOME'`);
  });

  it('runs in sh and moves even names full of shell syntax, creating folders', () => {
    const nasty = [`it's "quoted" $HOME.epub`, '-rf.epub', 'a`b`;c.epub', 'new\nline.epub'];
    const dir = folderWith(nasty);
    const moves = nasty.map((name, i) => move(name, `Author ${i}/Series (x)/${i} - $(id).epub`));
    const script = join(dir, '..', `${dir.split('/').pop()}.sh`);
    writeFileSync(script, moveScript('My Books', ROOT, moves));
    dirs.push(script);
    execFileSync('sh', [script, dir]);
    expect(listing(dir).sort()).toEqual(
      nasty.map((_, i) => `Author ${i}/Series (x)/${i} - $(id).epub`).sort(),
    );
    expect(readFileSync(join(dir, 'Author 0/Series (x)/0 - $(id).epub'), 'utf8')).toBe(nasty[0]);
  });

  it('stops at a move that would replace a file, leaving both', () => {
    const dir = folderWith(['a.epub', 'b.epub', 'c.epub']);
    const script = `${dir}.sh`;
    dirs.push(script);
    writeFileSync(
      script,
      moveScript('x', ROOT, [move('a.epub', 'b.epub'), move('c.epub', 'd.epub')]),
    );
    expect(() => execFileSync('sh', [script, dir], { stdio: 'pipe' })).toThrow();
    expect(listing(dir).sort()).toEqual(['a.epub', 'b.epub', 'c.epub']);
  });
});

describe('netMoves', () => {
  it('follows a file through a temporary name and a swap', () => {
    const moves = [
      move('a.epub', '.colophon-tmp-1', { temporary: true }),
      move('b.epub', 'a.epub'),
      move('.colophon-tmp-1', 'b.epub', { temporary: true }),
      move('c.epub', 'C/c.epub'),
    ];
    expect(Object.fromEntries(netMoves(moves))).toEqual({
      [`${ROOT}/a.epub`]: `${ROOT}/b.epub`,
      [`${ROOT}/b.epub`]: `${ROOT}/a.epub`,
      [`${ROOT}/c.epub`]: `${ROOT}/C/c.epub`,
    });
  });

  it('leaves out a file that came back where it started', () => {
    expect(netMoves([move('a.epub', 'b.epub'), move('b.epub', 'a.epub')]).size).toBe(0);
  });
});
