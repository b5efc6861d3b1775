namespace HndGate.Engine.Results;

/// <summary>The method's parameters a result was computed with (R2, R3, R4, R6), recorded in the result.</summary>
/// <param name="Quantile">q of R2.</param>
/// <param name="IouThreshold">τ_iou of R4.</param>
/// <param name="TallySize">The tally resolution of R3 (S unless --tally-size).</param>
/// <param name="InputSize">S, the model's input size.</param>
/// <param name="FamilyThresholds">θ_G of R6 per family, in dictionary order.</param>
public sealed record DissectionSettings(
    double Quantile,
    double IouThreshold,
    int TallySize,
    int InputSize,
    IReadOnlyList<KeyValuePair<string, double>> FamilyThresholds);
