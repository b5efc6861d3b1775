namespace HndGate.Engine.Gate;

/// <summary>
/// A policy's exception to one rule, on one layer or every layer, until a day: while it lasts, the rule's
/// broken bounds are reported as waived instead of failing the gate.
/// </summary>
/// <param name="Rule">The id of the waived rule (the reader checks that the policy has it).</param>
/// <param name="Layer">The layer it covers; null: every layer.</param>
/// <param name="Expires">The last day (UTC) it waives; inclusive.</param>
/// <param name="Location">The waiver's object in the policy file.</param>
/// <param name="LayerLocation">The waiver's <c>layer</c> in the policy file, when it names one.</param>
public sealed record PolicyWaiver(
    string Rule,
    string? Layer,
    string Reason,
    string Owner,
    DateOnly Expires,
    InputLocation Location,
    InputLocation? LayerLocation)
{
    /// <summary>True when the waiver is about <paramref name="ruleId"/> on <paramref name="layer"/>.</summary>
    public bool Covers(string ruleId, string layer) => Rule == ruleId && (Layer is null || Layer == layer);

    /// <summary>True when <paramref name="today"/> (UTC) is after the last day.</summary>
    public bool ExpiredOn(DateOnly today) => today > Expires;
}
