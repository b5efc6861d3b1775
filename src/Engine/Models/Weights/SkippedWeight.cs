namespace HndGate.Engine.Models.Weights;

/// <summary>A parameter after the dissected layers that kept its random value: absent from the file (<see cref="FileShape"/> null) or of another shape there.</summary>
public sealed record SkippedWeight(string Name, IReadOnlyList<long> ModelShape, IReadOnlyList<long>? FileShape);
