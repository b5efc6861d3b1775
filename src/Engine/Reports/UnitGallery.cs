namespace HndGate.Engine.Reports;

/// <summary>One unit's pictures (the paper's Fig. 11) and what the method concluded about it (R4, R6, R7).</summary>
/// <param name="Label">c*_u, the Network Dissection label, or "—".</param>
/// <param name="Iou">IoU[u,c*_u], formatted.</param>
/// <param name="Region">r_u, or "not localisable".</param>
/// <param name="Interpretable">The concepts the unit is interpretable for (R7).</param>
/// <param name="Biased">"family/subgroup" of every subgroup the unit is biased towards (R6).</param>
public sealed record UnitGallery(
    string Layer,
    int Unit,
    string Label,
    string Iou,
    string Region,
    IReadOnlyList<string> Interpretable,
    IReadOnlyList<string> Biased,
    IReadOnlyList<PictureTile> Pictures);
