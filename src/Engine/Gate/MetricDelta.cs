namespace HndGate.Engine.Gate;

/// <summary>One metric of one layer in the current result and in the baseline.</summary>
public sealed record MetricDelta(string Layer, string Key, double Current, double Baseline)
{
    public double Delta => Current - Baseline;
}
