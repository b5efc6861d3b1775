namespace HndGate.Engine.Results;

/// <summary>One gated metric of a layer (R8) by its policy key, e.g. "biased_ratio[gender][female]".</summary>
public sealed record MetricValue(string Key, double Value);
