#!/usr/bin/env python3
"""Generate reference values for losses built from configuration files.

Run with the reference environment::

    ~/refenv/bin/python scripts/make_loss_configuration_fixtures.py

It writes Tests/ObjectivesTests/Fixtures/loss_configurations.json: for each case, the
configuration text (as a user writes it, with parameters that differ from the defaults), the
form the Swift side builds (``classes``: logits and class indices; ``values``: outputs and
targets of doubles), a few batches, and what DRYTorch reports for the same composition: the
per-batch ``forward`` values and the final ``compute()`` (combined value and each leaf).

Each leaf is a DRYTorch ``Loss`` whose function is the torch loss with the configured
parameters (``reduction='none'``, averaged over each sample's elements), fed exactly what the
Swift side feeds it: in the ``classes`` form, the logits and class indices for cross-entropy, the
logits and one-hot targets for BCE-with-logits, hinge (binary labels) and KL (log-softmax input),
and the softmax probabilities and one-hot targets for MSE, MAE, Huber, smooth L1 and BCE.  The
hinge loss has no torch module; it is written with torch operations (``clamp(m - y*z, min=0)``).
The composition is made with DRYTorch's operators; a formula parameter (``exp(-{s}) x ...``) is
not a DRYTorch construct, so that case is combined with torch operations per batch.
"""

from __future__ import annotations

import json
import pathlib
import random

import torch
import torch.nn.functional as F
from drytorch.lib.objectives import Loss

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / 'Tests' / 'ObjectivesTests' / 'Fixtures' / 'loss_configurations.json'
SEED = 20261202
CLASSES = 3


def per_sample(elementwise):
    """Mean over each sample's elements of an n x k tensor."""
    return elementwise.mean(dim=1)


def hinge(z, y, margin, squared):
    signed = 2 * y - 1
    h = torch.clamp(margin - signed * z, min=0)
    return h * h if squared else h


def leaf_function(spec, form):
    """The torch function (outputs, targets) -> per-sample values of a configured leaf."""
    loss = spec['loss']
    p = spec

    def on_classes(z, labels):
        onehot = F.one_hot(labels, CLASSES).to(torch.float64)
        prob = torch.softmax(z, dim=1)
        if loss == 'cross_entropy':
            return F.cross_entropy(z, labels, reduction='none', label_smoothing=p.get('label_smoothing', 0.0))
        if loss == 'kl_divergence':
            return F.kl_div(torch.log_softmax(z, dim=1), onehot, reduction='none').sum(dim=1)
        if loss == 'binary_cross_entropy_with_logits':
            w = torch.tensor(p.get('pos_weight', 1.0), dtype=torch.float64)
            return per_sample(F.binary_cross_entropy_with_logits(z, onehot, reduction='none', pos_weight=w))
        if loss == 'hinge':
            return per_sample(hinge(z, onehot, p.get('margin', 1.0), p.get('squared', False)))
        if loss == 'mse':
            return per_sample(F.mse_loss(prob, onehot, reduction='none'))
        if loss == 'mae':
            return per_sample(F.l1_loss(prob, onehot, reduction='none'))
        if loss == 'huber':
            return per_sample(F.huber_loss(prob, onehot, reduction='none', delta=p.get('delta', 1.0)))
        if loss == 'smooth_l1':
            return per_sample(F.smooth_l1_loss(prob, onehot, reduction='none', beta=p.get('beta', 1.0)))
        if loss == 'binary_cross_entropy':
            return per_sample(F.binary_cross_entropy(prob, onehot, reduction='none'))
        raise ValueError(loss)

    def on_values(o, t):
        w = p.get('width', 1)
        o = o.reshape(-1, w)
        t = t.reshape(-1, w)
        if loss in ('mae', 'l1'):
            return per_sample(F.l1_loss(o, t, reduction='none'))
        if loss == 'mse':
            return per_sample(F.mse_loss(o, t, reduction='none'))
        if loss == 'huber':
            return per_sample(F.huber_loss(o, t, reduction='none', delta=p.get('delta', 1.0)))
        if loss == 'smooth_l1':
            return per_sample(F.smooth_l1_loss(o, t, reduction='none', beta=p.get('beta', 1.0)))
        if loss == 'binary_cross_entropy_with_logits':
            pw = torch.tensor(p.get('pos_weight', 1.0), dtype=torch.float64)
            return per_sample(F.binary_cross_entropy_with_logits(o, t, reduction='none', pos_weight=pw))
        raise ValueError(loss)

    return on_classes if form == 'classes' else on_values


# Each case: the configuration text, the form, the leaves as torch sees them (name -> spec with
# the registry loss and its parameters), and the composition as a Python expression over the
# leaves (None: combined per batch by ``combine``).
CASES = [
    {
        'name': 'ce_smoothing_plus_huber_delta',
        'config': '{"formula": "[CE] + 0.5 x [Huber]", "leaves": {"CE": {"loss": "cross_entropy", '
                  '"label_smoothing": 0.1}, "Huber": {"loss": "huber", "delta": 0.5}}, '
                  '"metrics": ["accuracy", "f1"]}',
        'form': 'classes',
        'leaves': {'CE': {'loss': 'cross_entropy', 'label_smoothing': 0.1},
                   'Huber': {'loss': 'huber', 'delta': 0.5}},
        'expression': 'CE + 0.5 * Huber',
    },
    {
        'name': 'squared_hinge_margin_and_kl',
        'config': '{"formula": "[H]^2 + 0.25 x [KL] + [BCE]", "leaves": {"H": {"loss": "hinge", "margin": 0.5, '
                  '"squared": true}, "KL": {"loss": "kl_divergence", "input": "logits"}, '
                  '"BCE": {"loss": "binary_cross_entropy_with_logits", "pos_weight": 2}}}',
        'form': 'classes',
        'leaves': {'H': {'loss': 'hinge', 'margin': 0.5, 'squared': True},
                   'KL': {'loss': 'kl_divergence'},
                   'BCE': {'loss': 'binary_cross_entropy_with_logits', 'pos_weight': 2.0}},
        'expression': 'H ** 2 + 0.25 * KL + BCE',
    },
    {
        'name': 'weighted_list_smooth_l1_beta',
        'config': '[{"loss": "smooth_l1", "beta": 0.25, "weight": 2}, {"loss": "l1", "weight": 0.5, '
                  '"name": "L1"}, {"loss": "huber", "delta": 2, "weight": 0.25}]',
        'form': 'values',
        'leaves': {'SmoothL1': {'loss': 'smooth_l1', 'beta': 0.25}, 'L1': {'loss': 'mae'},
                   'Huber': {'loss': 'huber', 'delta': 2.0}},
        'expression': '2 * SmoothL1 + 0.5 * L1 + 0.25 * Huber',
    },
    {
        'name': 'edsr_string',
        'config': '1*L1+0.5*MSE',
        'form': 'values',
        'leaves': {'L1': {'loss': 'mae'}, 'MSE': {'loss': 'mse'}},
        'expression': '1 * L1 + 0.5 * MSE',
    },
    {
        'name': 'formula_parameter_width',
        'config': '{"formula": "exp(-{s}) x [Huber] + {s}", "parameters": {"s": 0.5}, '
                  '"leaves": {"Huber": {"loss": "huber", "delta": 0.75, "width": 2}}}',
        'form': 'values',
        'leaves': {'Huber': {'loss': 'huber', 'delta': 0.75, 'width': 2}},
        'expression': None,
        'parameters': {'s': 0.5},
    },
]


def batches_for(case, rng):
    out = []
    width = max((spec.get('width', 1) for spec in case['leaves'].values()), default=1)
    for n in (4, 3, 5):
        if case['form'] == 'classes':
            logits = [round(rng.uniform(-3, 3), 6) for _ in range(n * CLASSES)]
            labels = [rng.randrange(CLASSES) for _ in range(n)]
            out.append({'outputs': logits, 'targets': labels})
        else:
            outputs = [round(rng.uniform(-2, 2), 6) for _ in range(n * width)]
            targets = [round(rng.uniform(0, 1), 6) for _ in range(n * width)]
            out.append({'outputs': outputs, 'targets': targets})
    return out


def tensors(case, batch):
    o = torch.tensor(batch['outputs'], dtype=torch.float64)
    if case['form'] == 'classes':
        return o.reshape(-1, CLASSES), torch.tensor(batch['targets'], dtype=torch.long)
    return o, torch.tensor(batch['targets'], dtype=torch.float64)


def run_case(case, rng):
    batches = batches_for(case, rng)
    functions = {name: leaf_function(spec, case['form']) for name, spec in case['leaves'].items()}
    if case['expression'] is not None:
        namespace = {name: Loss(fn, name=name) for name, fn in functions.items()}
        loss = eval(case['expression'], {'__builtins__': {}}, namespace)  # noqa: S307
        forward = []
        for batch in batches:
            o, t = tensors(case, batch)
            forward.append(float(loss.forward(o, t).item()))
        compute = {k: float(v.item()) for k, v in loss.compute().items()}
    else:
        # exp(-s) x [Huber] + s, per batch, with DRYTorch's per-element averaging of the leaf.
        s = torch.tensor(case['parameters']['s'], dtype=torch.float64)
        forward, leaf_values = [], []
        for batch in batches:
            o, t = tensors(case, batch)
            v = functions['Huber'](o, t)
            leaf_values.append(v)
            forward.append(float((torch.exp(-s) * v + s).mean().item()))
        every = torch.cat(leaf_values)
        compute = {'Combined Loss': float((torch.exp(-s) * every + s).mean().item()),
                   'Huber': float(every.mean().item())}
    return {'name': case['name'], 'config': case['config'], 'form': case['form'],
            'classes': CLASSES, 'batches': batches, 'forward': forward, 'compute': compute}


def main():
    rng = random.Random(SEED)
    records = [run_case(case, rng) for case in CASES]
    OUT.write_text(json.dumps(records, indent=1) + '\n')
    print(f'wrote {len(records)} cases to {OUT.relative_to(ROOT)}')


if __name__ == '__main__':
    main()
