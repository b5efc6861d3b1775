namespace HndGate.Engine.Results;

/// <summary>A bootstrap confidence interval of one metric (docs/bootstrap.md): the percentiles of its replicates.</summary>
/// <param name="Key">The metric's key (<see cref="LayerMetrics"/>).</param>
public sealed record MetricInterval(string Key, double Lower, double Upper);
