#!/usr/bin/env python3
"""Generate DRYTorch loss-algebra reference fixtures for the Objectives package.

Run with the reference environment::

    ~/refenv/bin/python scripts/make_drytorch_fixtures.py

It writes Tests/ObjectivesTests/Fixtures/drytorch_compositions.json.

Every composition is built with DRYTorch itself (``drytorch.lib.objectives.Loss``
and its operators, rc11 API) by evaluating the Python expression stored in the
fixture, then fed a few batches through ``forward``; the per-batch ``forward``
values and the final ``compute()`` are recorded.

Only constructs that are valid in both DRYTorch and the Swift port are used:

* leaves: named ``Loss`` objects returning a batch scalar or a per-sample vector
  (see ``LEAF_DEFINITION``); at most one leaf is higher-is-better;
* ``+`` between lower-is-better expressions;
* ``-`` only as "lower-is-better expression minus higher-is-better term";
* unary minus only on higher-is-better terms;
* ``*`` by a positive scalar (either side), and loss * loss between
  lower-is-better expressions (tagged ``loss_product``);
* ``/`` by a positive power-of-two scalar (DRYTorch multiplies by the
  float32-rounded reciprocal, so only exact reciprocals are used), by a
  higher-is-better leaf, and ``number / higher-is-better leaf``;
* ``**`` with exponents 0.5, 2 and 3 (0.5 only on expressions that cannot be
  negative).

No identity shortcuts (+0, *1, /1, **1), no negative scalars, no ``number ** loss``,
no addition of plain numbers, no leaf named like a composite ("Loss",
"Combined Loss", "Negative ...").  All scalar constants are exactly representable
in float32, because DRYTorch turns Python scalars into float32 tensors.

Every recorded value is checked against an independent high-precision
(Decimal, 80 digits) evaluation of the documented semantics: a composite value is
averaged per element over all batches (batch scalars count once per batch,
per-sample vectors once per element, broadcasting makes the composite a vector),
and ``forward`` is the mean of the per-batch composite.  Compositions whose
float64 result is ill-conditioned (relative error above 1e-12, e.g. through
cancellation) or whose magnitude exceeds 1e9 are discarded and regenerated.
"""

from __future__ import annotations

import json
import math
import pathlib
import random
import warnings
from decimal import Decimal, getcontext

warnings.filterwarnings('ignore')

import torch  # noqa: E402
import drytorch  # noqa: E402
from drytorch.lib.objectives import Loss  # noqa: E402

SEED = 20240611
TARGET_RANDOM_COUNT = 90
REL_CHECK = 1e-12
MAX_MAGNITUDE = 1e9
OUT_PATH = (
    pathlib.Path(__file__).resolve().parent.parent
    / 'Tests' / 'ObjectivesTests' / 'Fixtures' / 'drytorch_compositions.json'
)

LEAF_DEFINITION = (
    '"sq": batch = mean((o - t)^2) * scale, sample = (o - t)^2 * scale elementwise; '
    '"abs": batch = mean(|o - t|) * scale, sample = |o - t| * scale elementwise.'
)

LEAF_NAMES = ['A', 'B', 'C', 'D', 'E']
LEAF_SCALES = [1.0, 0.5, 2.0, 1.5, 0.25, 3.0]
MUL_SCALARS = [0.5, 0.25, 2, 3, 1.5, 0.125, 0.75, 5]
DIV_SCALARS = [2, 4, 0.5, 0.25, 8]          # reciprocals exact in float32
RDIV_SCALARS = [0.5, 2, 3, 1.5, 0.25]
EXPONENTS = [0.5, 2, 3]

getcontext().prec = 80
WORST = [Decimal(0)]


# --------------------------------------------------------------------------
# leaves
# --------------------------------------------------------------------------

def make_leaf_fn(spec):
    """Return the torch function of a leaf described by ``spec``."""
    scale = float(spec['scale'])
    function = spec['function']
    kind = spec['kind']

    def fn(outputs, targets):
        diff = outputs - targets
        elem = diff * diff if function == 'sq' else diff.abs()
        if kind == 'batch':
            return elem.mean() * scale
        return elem * scale

    return fn


def make_leaf_loss(name, spec):
    return Loss(make_leaf_fn(spec), name=name,
                higher_is_better=spec['higher_is_better'])


def exact_leaf(spec, outputs, targets):
    """High-precision leaf value: a Decimal (batch) or a list of Decimals."""
    scale = Decimal(spec['scale'])
    elems = []
    for o, t in zip(outputs, targets):
        d = Decimal(o) - Decimal(t)
        elems.append(d * d if spec['function'] == 'sq' else abs(d))
    if spec['kind'] == 'batch':
        return (sum(elems, Decimal(0)) / Decimal(len(elems))) * scale
    return [e * scale for e in elems]


# --------------------------------------------------------------------------
# expression AST helpers
# --------------------------------------------------------------------------

def to_python(node, top=True):
    op = node[0]
    if op == 'leaf':
        return node[1]
    if op == 'neg':
        s = f'-{to_python(node[1], False)}'
    elif op == 'pow':
        s = f'{to_python(node[1], False)} ** {node[2]!r}'
    else:
        sym = {'add': '+', 'sub': '-', 'mul': '*', 'div': '/'}[op]
        a = node[1] if isinstance(node[1], (int, float)) else to_python(node[1], False)
        b = node[2] if isinstance(node[2], (int, float)) else to_python(node[2], False)
        s = f'{a} {sym} {b}'
    return s if top else f'({s})'


def leaves_in(node):
    if isinstance(node, (int, float)):
        return []
    if node[0] == 'leaf':
        return [node[1]]
    out = []
    for child in node[1:]:
        out.extend(leaves_in(child))
    return out


def depth_of(node):
    if isinstance(node, (int, float)) or node[0] == 'leaf':
        return 0
    return 1 + max(depth_of(c) for c in node[1:])


def ops_in(node):
    if isinstance(node, (int, float)) or node[0] == 'leaf':
        return []
    out = [node]
    for child in node[1:]:
        out.extend(ops_in(child))
    return out


def is_sum_like(node):
    return not isinstance(node, (int, float)) and node[0] in ('add', 'sub')


def features_of(node, leaves):
    feats = set()
    names = leaves_in(node)
    if len(names) != len(set(names)):
        feats.add('repeated_leaf')
    if any(leaves[n]['kind'] == 'sample' for n in set(names)):
        feats.add('sample_leaf')
    if any(leaves[n]['kind'] == 'batch' for n in set(names)):
        feats.add('batch_leaf')
    if any(leaves[n]['higher_is_better'] for n in set(names)):
        feats.add('higher_is_better_leaf')
    for op in ops_in(node):
        kind = op[0]
        if kind == 'pow':
            feats.add('pow')
            if is_sum_like(op[1]):
                feats.add('pow_of_sum')
        elif kind == 'sub':
            feats.add('sub')
            if op[2][0] != 'leaf':
                feats.add('higher_is_better_subexpression')
        elif kind == 'neg':
            feats.add('neg')
            if op[1][0] != 'leaf':
                feats.add('higher_is_better_subexpression')
        elif kind == 'mul':
            if isinstance(op[1], (int, float)) or isinstance(op[2], (int, float)):
                feats.add('scalar_mul')
            else:
                feats.add('loss_product')
        elif kind == 'div':
            if isinstance(op[2], (int, float)):
                feats.add('scalar_div')
            elif isinstance(op[1], (int, float)):
                feats.add('scalar_over_loss')
            else:
                feats.add('div_by_loss')
        elif kind == 'add':
            feats.add('add')
    return sorted(feats)


# --------------------------------------------------------------------------
# exact evaluation of the documented semantics
# --------------------------------------------------------------------------

def ebin(f, a, b):
    """Apply ``f`` with numpy-like broadcasting of Decimal scalars/lists."""
    if isinstance(a, list) and isinstance(b, list):
        assert len(a) == len(b)
        return [f(x, y) for x, y in zip(a, b)]
    if isinstance(a, list):
        return [f(x, b) for x in a]
    if isinstance(b, list):
        return [f(a, y) for y in b]
    return f(a, b)


def eun(f, a):
    return [f(x) for x in a] if isinstance(a, list) else f(a)


def dpow(x, p):
    if p == 0.5:
        if x < 0:
            raise ValueError('sqrt of negative')
        return x.sqrt()
    return x ** int(p)


def exact_eval(node, env):
    if isinstance(node, (int, float)):
        return Decimal(node)
    op = node[0]
    if op == 'leaf':
        return env[node[1]]
    if op == 'neg':
        return eun(lambda x: -x, exact_eval(node[1], env))
    if op == 'pow':
        p = node[2]
        return eun(lambda x: dpow(x, p), exact_eval(node[1], env))
    a = exact_eval(node[1], env)
    b = exact_eval(node[2], env)
    f = {
        'add': lambda x, y: x + y,
        'sub': lambda x, y: x - y,
        'mul': lambda x, y: x * y,
        'div': lambda x, y: x / y,
    }[op]
    return ebin(f, a, b)


def exact_reference(node, leaves, batches):
    """Return (forward list, compute dict) per the documented semantics."""
    totals = {}
    forwards = []
    comp_total = Decimal(0)
    comp_count = 0
    for batch in batches:
        env = {name: exact_leaf(spec, batch['outputs'], batch['targets'])
               for name, spec in leaves.items()}
        value = exact_eval(node, env)
        vals = value if isinstance(value, list) else [value]
        forwards.append(sum(vals, Decimal(0)) / Decimal(len(vals)))
        comp_total += sum(vals, Decimal(0))
        comp_count += len(vals)
        for name, v in env.items():
            vs = v if isinstance(v, list) else [v]
            t, c = totals.get(name, (Decimal(0), 0))
            totals[name] = (t + sum(vs, Decimal(0)), c + len(vs))
    comp = {name: t / Decimal(c) for name, (t, c) in totals.items()}
    return forwards, comp_total / Decimal(comp_count), comp


def rel_err(actual, exact):
    exact_f = float(exact)
    scale = abs(exact_f)
    if scale == 0.0:
        return abs(actual)
    return abs(Decimal(actual) - exact) / Decimal(scale)


# --------------------------------------------------------------------------
# random generation
# --------------------------------------------------------------------------

class Generator:
    def __init__(self, rng, leaves):
        self.rng = rng
        self.leaves = leaves
        self.low = [n for n, s in leaves.items() if not s['higher_is_better']]
        self.hib = [n for n, s in leaves.items() if s['higher_is_better']]
        self.used = set()

    # Each generator returns (node, nonnegative_guaranteed).

    def low_leaf(self):
        unused = [n for n in self.low if n not in self.used]
        if unused and self.rng.random() < 0.8:
            name = self.rng.choice(unused)
        else:
            name = self.rng.choice(self.low)
        self.used.add(name)
        return ['leaf', name], True

    def hib_leaf(self):
        return ['leaf', self.rng.choice(self.hib)], True

    def gen_hib(self, depth):
        """A higher-is-better expression (built only from the hib leaf)."""
        r = self.rng
        if depth <= 0 or r.random() < 0.5:
            return self.hib_leaf()
        choice = r.choice(['mul', 'pow', 'add'])
        sub, _ = self.gen_hib(depth - 1)
        if choice == 'mul':
            c = r.choice(MUL_SCALARS)
            return (['mul', c, sub] if r.random() < 0.5 else ['mul', sub, c]), True
        if choice == 'pow':
            return ['pow', sub, r.choice(EXPONENTS)], True
        other, _ = self.gen_hib(depth - 1)
        return ['add', sub, other], True

    def gen_low(self, depth):
        """A lower-is-better expression of operator depth <= ``depth``."""
        r = self.rng
        if depth <= 0:
            return self.low_leaf()
        ops = ['add'] * 5 + ['mul_s'] * 3 + ['div_s'] * 2 + ['pow'] * 4 + ['mul_l'] * 1
        if self.hib:
            ops += ['sub'] * 3 + ['add_neg'] * 2 + ['div_h'] * 2 + ['rdiv_h'] * 2
        if depth < 4 and r.random() < 0.12:
            return self.low_leaf()
        op = r.choice(ops)
        if op == 'add_neg' and depth < 2:
            op = 'sub'  # negation itself takes one level

        def child():
            return self.gen_low(r.randint(0, depth - 1))

        if op == 'add':
            (a, pa), (b, pb) = self.gen_low(depth - 1), child()
            if r.random() < 0.5:
                a, b, pa, pb = b, a, pb, pa
            return ['add', a, b], pa and pb
        if op == 'mul_l':
            (a, pa), (b, pb) = self.gen_low(depth - 1), child()
            return ['mul', a, b], pa and pb
        if op == 'mul_s':
            a, pa = self.gen_low(depth - 1)
            c = r.choice(MUL_SCALARS)
            return (['mul', c, a] if r.random() < 0.5 else ['mul', a, c]), pa
        if op == 'div_s':
            a, pa = self.gen_low(depth - 1)
            return ['div', a, r.choice(DIV_SCALARS)], pa
        if op == 'pow':
            a, pa = self.gen_low(depth - 1)
            exps = EXPONENTS if pa else [2, 3]
            p = r.choice(exps)
            return ['pow', a, p], pa or p == 2
        if op == 'sub':
            a, _ = self.gen_low(depth - 1)
            h, _ = self.gen_hib(min(1, depth - 1) if r.random() < 0.3 else 0)
            return ['sub', a, h], False
        if op == 'add_neg':
            a, _ = self.gen_low(depth - 1)
            h, _ = self.gen_hib(min(1, depth - 2) if r.random() < 0.3 else 0)
            neg = ['neg', h]
            return (['add', a, neg] if r.random() < 0.6 else ['add', neg, a]), False
        if op == 'div_h':
            a, pa = self.gen_low(depth - 1)
            return ['div', a, self.hib_leaf()[0]], pa
        if op == 'rdiv_h':
            return ['div', r.choice(RDIV_SCALARS), self.hib_leaf()[0]], True
        raise AssertionError(op)


def random_leaves(rng):
    count = rng.randint(2, 5)
    names = sorted(rng.sample(LEAF_NAMES, count))
    hib_name = rng.choice(names) if rng.random() < 0.45 else None
    leaves = {}
    for name in names:
        leaves[name] = {
            'kind': rng.choice(['batch', 'sample']),
            'scale': rng.choice(LEAF_SCALES),
            'function': rng.choice(['sq', 'abs']),
            'higher_is_better': name == hib_name,
        }
    return leaves


def random_batches(rng):
    count = rng.randint(2, 4)
    sizes = rng.sample(range(1, 7), count)
    batches = []
    for n in sizes:
        outputs = [round(rng.uniform(-2.0, 2.0), 3) for _ in range(n)]
        targets = []
        for o in outputs:
            off = round(rng.uniform(0.3, 2.0), 3) * rng.choice([-1, 1])
            targets.append(round(o + off, 3))
        batches.append({'outputs': outputs, 'targets': targets})
    return batches


# --------------------------------------------------------------------------
# running DRYTorch
# --------------------------------------------------------------------------

def run_drytorch(python_expr, leaves, batches):
    namespace = {name: make_leaf_loss(name, spec) for name, spec in leaves.items()}
    loss = eval(python_expr, {'__builtins__': {}}, namespace)  # noqa: S307
    forward = []
    for batch in batches:
        o = torch.tensor(batch['outputs'], dtype=torch.float64)
        t = torch.tensor(batch['targets'], dtype=torch.float64)
        value = loss.forward(o, t)
        assert value.dtype == torch.float64, (python_expr, value.dtype)
        forward.append(float(value.item()))
    computed = loss.compute()
    for v in computed.values():
        assert v.dtype == torch.float64, (python_expr, v.dtype)
    compute = [[k, float(v.item())] for k, v in computed.items()]
    return loss, forward, compute


def build_record(ident, node, leaves, batches):
    python_expr = to_python(node)
    used = []
    for n in leaves_in(node):
        if n not in used:
            used.append(n)
    leaves = {n: leaves[n] for n in sorted(used)}
    loss, forward, compute = run_drytorch(python_expr, leaves, batches)

    exact_fw, exact_comp, exact_leaves = exact_reference(node, leaves, batches)
    worst = Decimal(0)
    for a, e in zip(forward, exact_fw):
        worst = max(worst, rel_err(a, e))
    keys = [k for k, _ in compute]
    expected_keys = [loss.name] + list(leaves_in_insertion_order(node))
    if keys != expected_keys:
        raise RuntimeError(f'unexpected key order {keys} vs {expected_keys}')
    worst = max(worst, rel_err(compute[0][1], exact_comp))
    for k, v in compute[1:]:
        worst = max(worst, rel_err(v, exact_leaves[k]))
    values = forward + [v for _, v in compute]
    if any(not math.isfinite(v) for v in values):
        return None, 'non-finite'
    if max(abs(v) for v in values) > MAX_MAGNITUDE:
        return None, 'too large'
    if worst > Decimal(REL_CHECK):
        return None, f'ill-conditioned ({float(worst):.1e})'
    WORST[0] = max(WORST[0], worst)

    return {
        'id': ident,
        'expression': node,
        'python': python_expr,
        'leaves': leaves,
        'batches': batches,
        'forward': forward,
        'compute': compute,
        'formula': loss.formula,
        'name': loss.name,
        'higher_is_better': loss.higher_is_better,
        'depth': depth_of(node),
        'features': features_of(node, leaves),
    }, None


def leaves_in_insertion_order(node):
    """Component order as DRYTorch builds it: left operand's components first.

    (Every operator here keeps self's components first; for ``c * L``,
    ``c / L`` the only loss operand is L.)  Duplicates keep first position.
    """
    seen = []
    for n in leaves_in(node):
        if n not in seen:
            seen.append(n)
    return seen


def verified_cases():
    """The two cases verified in the spec (section 'Examples verified')."""
    mse = {'kind': 'batch', 'scale': 1.0, 'function': 'sq', 'higher_is_better': False}
    mae = {'kind': 'sample', 'scale': 1.0, 'function': 'abs', 'higher_is_better': False}
    tutorial = (
        ['add', ['pow', ['leaf', 'MSE'], 2], ['mul', 0.5, ['leaf', 'MAE']]],
        {'MSE': mse, 'MAE': mae},
        [{'outputs': [1.0], 'targets': [3.0]}],
    )
    nonlinear = (
        ['pow', ['leaf', 'MSE'], 2],
        {'MSE': mse},
        [{'outputs': [1.0], 'targets': [0.0]},
         {'outputs': [3.0, 3.0], 'targets': [0.0, 0.0]}],
    )
    return [tutorial, nonlinear]


def main():
    rng = random.Random(SEED)
    torch.manual_seed(SEED)
    compositions = []
    rejected = {}

    for node, leaves, batches in verified_cases():
        record, why = build_record(len(compositions), node, leaves, batches)
        assert record is not None, why
        compositions.append(record)
    tutorial, nonlinear = compositions
    assert tutorial['compute'] == [['Combined Loss', 17.0], ['MSE', 4.0], ['MAE', 2.0]], tutorial
    assert tutorial['forward'] == [17.0], tutorial
    assert tutorial['formula'] == '[MSE]^2 + 0.5 x [MAE]', tutorial['formula']
    assert nonlinear['compute'] == [['Loss', 41.0], ['MSE', 5.0]], nonlinear
    assert nonlinear['forward'] == [1.0, 81.0], nonlinear

    while len(compositions) < 2 + TARGET_RANDOM_COUNT:
        leaves = random_leaves(rng)
        gen = Generator(rng, leaves)
        depth = rng.choice([1, 2, 2, 3, 3, 3, 4, 4, 4])
        node, _ = gen.gen_low(depth)
        names = set(leaves_in(node))
        if node[0] == 'leaf' or len(names) < 2 or len(names) > 5:
            continue
        batches = random_batches(rng)
        record, why = build_record(len(compositions), node, leaves, batches)
        if record is None:
            rejected[why.split(' ')[0]] = rejected.get(why.split(' ')[0], 0) + 1
            continue
        compositions.append(record)

    document = {
        'drytorch_version': drytorch.__version__,
        'torch_version': torch.__version__,
        'generator': 'scripts/make_drytorch_fixtures.py',
        'seed': SEED,
        'leaf_definition': LEAF_DEFINITION,
        'notes': (
            'compute lists DRYTorch keys in order: the composite (named '
            '"Combined Loss", "Loss" for a top-level power, or "Negative ..." '
            'for a top-level negation) first, then the leaves in first-insertion '
            'order. forward[i] is loss.forward on batch i (mean of the '
            'per-batch composite). All values were cross-checked against a '
            '80-digit Decimal evaluation to a relative error below 1e-12. '
            'features and depth are informational tags.'
        ),
        'compositions': compositions,
    }
    text = json.dumps(document, indent=1)
    OUT_PATH.parent.mkdir(parents=True, exist_ok=True)
    OUT_PATH.write_text(text + '\n')

    feature_counts = {}
    for c in compositions:
        for f in c['features']:
            feature_counts[f] = feature_counts.get(f, 0) + 1
    depths = {}
    for c in compositions:
        depths[c['depth']] = depths.get(c['depth'], 0) + 1
    print(f'wrote {len(compositions)} compositions to {OUT_PATH} '
          f'({len(text)} bytes)')
    print('features:', dict(sorted(feature_counts.items())))
    print('depths:', dict(sorted(depths.items())))
    print('rejected:', rejected)
    print(f'worst relative error vs Decimal: {float(WORST[0]):.2e}')
    plain = [c for c in compositions if 'loss_product' not in c['features']]
    assert len(plain) >= 60, len(plain)
    assert max(depths) <= 4, depths


if __name__ == '__main__':
    main()
