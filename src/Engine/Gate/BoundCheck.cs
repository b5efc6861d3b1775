namespace HndGate.Engine.Gate;

/// <summary>
/// A rule's bounds applied to the statistic it gates, each in words: those checked, those of them broken, and
/// the regression bounds left unchecked for want of a baseline value.
/// </summary>
internal sealed record BoundCheck(IReadOnlyList<string> Checked, IReadOnlyList<string> Broken, IReadOnlyList<string> Unchecked)
{
    /// <summary>
    /// The bounds of <paramref name="rule"/> on <paramref name="gated"/>. Regression bounds compare the gated
    /// statistic with the baseline's value (docs/policy.md); without <paramref name="baseline"/> they are unchecked.
    /// </summary>
    public static BoundCheck Of(PolicyRule rule, double gated, double? baseline)
    {
        var checkedBounds = new List<string>();
        var broken = new List<string>();
        var withoutBaseline = new List<string>();
        void Check(string bound, bool holds)
        {
            checkedBounds.Add(bound);
            if (!holds)
            {
                broken.Add(bound);
            }
        }

        if (rule.Min is { } min)
        {
            Check($"≥ {GateNumber.Format(min)}", !GateNumber.Below(gated, min));
        }

        if (rule.Max is { } max)
        {
            Check($"≤ {GateNumber.Format(max)}", !GateNumber.Above(gated, max));
        }

        if (rule.MaxIncrease is { } increase)
        {
            var bound = $"increase ≤ {increase.Describe()} over baseline";
            if (baseline is { } b)
            {
                Check(bound, !GateNumber.Above(gated - b, increase.AllowedChange(b)));
            }
            else
            {
                withoutBaseline.Add(bound);
            }
        }

        if (rule.MaxDecrease is { } decrease)
        {
            var bound = $"decrease ≤ {decrease.Describe()} from baseline";
            if (baseline is { } b)
            {
                Check(bound, !GateNumber.Above(b - gated, decrease.AllowedChange(b)));
            }
            else
            {
                withoutBaseline.Add(bound);
            }
        }

        return new BoundCheck(checkedBounds, broken, withoutBaseline);
    }

    /// <summary>Every bound of the rule in words, in policy order: min, max, max_increase, max_decrease.</summary>
    public string Describe() => string.Join(", ", Checked.Concat(Unchecked));
}
