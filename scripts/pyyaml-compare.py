#!/usr/bin/env python3
"""Compares how PyYAML (YAML 1.1, what every upstream tool reads with) and the YAML 1.2 core
schema (what `registry` reads with) read converted recipes.

Input (the file named as the argument, or stdin): one job per line, tab-separated: `KIND<TAB>SOURCE<TAB>OUTPUT`.
  KIND `out`:   OUTPUT is a converted file; it must read the same under PyYAML and YAML 1.2
                (the emitter's promise). SOURCE is only named in the report.
  KIND `back`:  OUTPUT is SOURCE converted to another format and back; where both read the same
                under YAML 1.2 (the conversion kept what registry sees), PyYAML must read them the
                same too. A SOURCE that itself reads differently under the two is ambiguous
                (its meaning depends on the reader) and only counted.
Output (stdout): one line per problem, `KIND<TAB>SOURCE<TAB>OUTPUT<TAB>what`, then a summary
line `# jobs=N out-misread=N back-changed=N ambiguous-sources=N`. Exit status 0 either way.

Comparison is type-strict (True is not 1, 1 is not 1.0) and ignores mapping key order.
"""
import math
import re
import sys

import yaml


class Core12Resolver(yaml.resolver.BaseResolver):
    """The YAML 1.2 core schema's implicit resolvers, plus merge keys (registry reads `<<` as
    PyYAML does); no timestamps."""


Core12Resolver.yaml_implicit_resolvers = {}
for tag, regexp, first in [
    ('tag:yaml.org,2002:bool', r'^(?:true|True|TRUE|false|False|FALSE)$', 'tTfF'),
    ('tag:yaml.org,2002:int', r'^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$', '-+0123456789'),
    ('tag:yaml.org,2002:float',
     r'^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$',
     '-+0123456789.'),
    ('tag:yaml.org,2002:null', r'^(?:~|null|Null|NULL|)$', ['~', 'n', 'N', '']),
    ('tag:yaml.org,2002:merge', r'^(?:<<)$', '<'),
]:
    Core12Resolver.add_implicit_resolver(tag, re.compile(regexp), list(first))


class Core12Constructor(yaml.constructor.SafeConstructor):
    def construct_yaml_int(self, node):
        v = self.construct_scalar(node)
        if v.startswith('0o'):
            return int(v[2:], 8)
        if v.startswith('0x'):
            return int(v[2:], 16)
        return int(v, 10)

    def construct_yaml_float(self, node):
        v = self.construct_scalar(node).lower()
        if v in ('.inf', '+.inf'):
            return math.inf
        if v == '-.inf':
            return -math.inf
        if v == '.nan':
            return math.nan
        return float(v)


Core12Constructor.add_constructor('tag:yaml.org,2002:int', Core12Constructor.construct_yaml_int)
Core12Constructor.add_constructor('tag:yaml.org,2002:float', Core12Constructor.construct_yaml_float)


class Core12Loader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer,
                   Core12Constructor, Core12Resolver):
    def __init__(self, stream):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        Core12Constructor.__init__(self)
        Core12Resolver.__init__(self)


def typed(v):
    """A comparable form that keeps types apart and ignores key order."""
    if isinstance(v, dict):
        return ('map', frozenset((typed(k), typed(x)) for k, x in v.items()))
    if isinstance(v, list):
        return ('seq', tuple(typed(x) for x in v))
    if isinstance(v, float) and math.isnan(v):
        return ('float', 'nan')
    return (type(v).__name__, v)


def load(path, loader):
    with open(path, 'rb') as f:
        return [typed(d) for d in yaml.load_all(f, Loader=loader)]


def read(path):
    """(PyYAML reading, 1.2 reading), or an error text."""
    try:
        return load(path, yaml.SafeLoader), load(path, Core12Loader), None
    except Exception as e:  # noqa: BLE001 - any failure to read is a finding
        return None, None, '%s: %s' % (type(e).__name__, str(e).splitlines()[0] if str(e) else '')


def first_difference(a, b, path='$'):
    """Where two typed readings first differ (for the report)."""
    if a == b:
        return None
    if a[0] != b[0]:
        return '%s: %r vs %r' % (path, a, b)
    if a[0] == 'seq':
        if len(a[1]) != len(b[1]):
            return '%s: %d vs %d items' % (path, len(a[1]), len(b[1]))
        for i, (x, y) in enumerate(zip(a[1], b[1])):
            d = first_difference(x, y, '%s[%d]' % (path, i))
            if d:
                return d
    if a[0] == 'map':
        da, db = dict(a[1]), dict(b[1])
        for k in da:
            if k not in db:
                return '%s: key %r only in the first' % (path, k[1])
            d = first_difference(da[k], db[k], '%s.%s' % (path, k[1]))
            if d:
                return d
        for k in db:
            if k not in da:
                return '%s: key %r only in the second' % (path, k[1])
    return '%s: %r vs %r' % (path, a, b)


def main():
    jobs = out_bad = back_bad = 0
    ambiguous = set()
    cache = {}

    def cached(p):
        if p not in cache:
            cache[p] = read(p)
        return cache[p]

    for line in (open(sys.argv[1]) if len(sys.argv) > 1 else sys.stdin):
        line = line.rstrip('\n')
        if not line:
            continue
        kind, source, output = line.split('\t')
        jobs += 1
        o11, o12, oerr = cached(output)
        if kind == 'out':
            if oerr or o11 != o12:
                out_bad += 1
                what = oerr or first_difference(o12, o11)
                print('out\t%s\t%s\tPyYAML reads it differently from YAML 1.2: %s' % (source, output, what))
            continue
        s11, s12, serr = cached(source)
        if serr or oerr:
            continue  # unreadable by PyYAML on either side: nothing to compare
        if s11 != s12:
            ambiguous.add(source)
            continue
        if s12 == o12 and s11 != o11:
            back_bad += 1
            print('back\t%s\t%s\tchanged meaning under PyYAML: %s' % (source, output, first_difference(s11, o11)))
    print('# jobs=%d out-misread=%d back-changed=%d ambiguous-sources=%d' % (jobs, out_bad, back_bad, len(ambiguous)))


if __name__ == '__main__':
    main()
