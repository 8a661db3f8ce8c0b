// Objectives: define, compose, document and track training objectives (losses and metrics).
//
// The library is organised by concern:
// - Core: the `Objective` protocol, `Results`, `MetricValue`, `ObjectiveError`.
// - Accumulation: compensated sums, means, moments and other mergeable states.
// - Algebra: `Loss`, `Metric`, `MetricCollection`, formulas and their parser.
// - Metrics: the catalogue of classification and regression metrics and built-in losses.
// - Tracking: meters, history, per-sample tables, exports and SVG charts.
