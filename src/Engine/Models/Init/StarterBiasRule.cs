namespace HndGate.Engine.Models.Init;

/// <summary>One rule of the starter policy: the biased ratio of a global family (R6), its id made of the family's name.</summary>
public sealed record StarterBiasRule(string Id, string Metric, string Family);
