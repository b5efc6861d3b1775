namespace HndGate.Engine.Results;

/// <summary>The bootstrap intervals of every metric of one layer, in <see cref="LayerMetrics"/> order.</summary>
public sealed record LayerIntervals(string Layer, IReadOnlyList<MetricInterval> Metrics);
