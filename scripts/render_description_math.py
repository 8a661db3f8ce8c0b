#!/usr/bin/env python3
"""Render the math of an `objectives describe --format latex` output with matplotlib mathtext.

A check by eye that the LaTeX of loss descriptions is well formed:

    .build/debug/objectives describe --config loss.json --format latex > loss.tex
    ~/refenv/bin/python scripts/render_description_math.py loss.tex   # writes /tmp/cfg/render/all.png

mathtext has no `cases`, `\\text` or `\\operatorname`: `cases` are drawn one branch per line,
`\\text{...}` and `\\operatorname{softmax}` as `\\mathrm`. Needs matplotlib in the venv.
"""
import os
import re
import sys
import matplotlib
matplotlib.use('Agg')
import matplotlib.pyplot as plt
from matplotlib import mathtext

OUT = '/tmp/cfg/render'
os.makedirs(OUT, exist_ok=True)
tex = open(sys.argv[1]).read()
blocks = re.findall(r'\\begin\{equation\*\}\n(.*?)\n\\end\{equation\*\}', tex, re.S)
inline = re.findall(r'\$([^$]+)\$', re.sub(r'\\begin\{equation\*\}.*?\\end\{equation\*\}', '', tex, flags=re.S))
def mt(s):
    s = re.sub(r'\\text\{([^}]*)\}', lambda m: r'\mathrm{' + m.group(1).replace(' ', r'\ ') + '}', s)
    s = s.replace(r'\operatorname{softmax}', r'\mathrm{softmax}')
    m = re.match(r'(.*)\\begin\{cases\}(.*)\\end\{cases\}(.*)', s, re.S)
    if m:
        branches = [b.split('&') for b in m.group(2).split(r'\\')]
        return [m.group(1) + b[0] + r'\quad\mathrm{if}\ ' + b[1] + m.group(3) for b in branches]
    return [s]
ok = fail = 0
fig = plt.figure(figsize=(12, 0.5 * (len(blocks) * 2 + 2)))
y = 0.98
for b in blocks:
    for piece in mt(b):
        try:
            mathtext.math_to_image('$' + piece + '$', OUT + '/tmp.png', dpi=50)
            fig.text(0.01, y, '$' + piece + '$', fontsize=12, va='top')
            y -= 0.9 / (len(blocks) * 2 + 2)
            ok += 1
        except Exception as e:
            fail += 1
            print('FAIL', piece, e)
for s in inline:
    try:
        mathtext.math_to_image('$' + s + '$', OUT + '/tmp.png', dpi=50); ok += 1
    except Exception as e:
        fail += 1; print('FAIL inline', s, e)
fig.savefig(OUT + '/all.png', dpi=80)
print('rendered', ok, 'failed', fail)
