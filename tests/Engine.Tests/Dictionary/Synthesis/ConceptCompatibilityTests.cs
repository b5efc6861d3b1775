using HndGate.Engine.Dictionary.Synthesis;

namespace HndGate.Engine.Tests.Dictionary.Synthesis;

public sealed class ConceptCompatibilityTests
{
    [Fact]
    public void Add_BringsTheImpliedActionUnit()
    {
        var chosen = new HashSet<string>();
        ConceptCompatibility.Add("Smiling", chosen);

        Assert.Equal(["AU_12", "Smiling"], chosen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Fits_RefusesAConceptWhoseImplicationConflicts()
    {
        // Smiling implies AU 12, and AU 12 excludes AU 15.
        Assert.False(ConceptCompatibility.Fits("Smiling", new HashSet<string> { "AU_15" }));
        Assert.True(ConceptCompatibility.Fits("Smiling", new HashSet<string> { "AU_6" }));
    }

    [Fact]
    public void SettleNoBeard_AddsNoBeardWithoutFacialHair_AndRemovesItWithSome()
    {
        var clean = new HashSet<string> { "Smiling" };
        var bearded = new HashSet<string> { "Goatee", "No_Beard" };
        ConceptCompatibility.SettleNoBeard(clean);
        ConceptCompatibility.SettleNoBeard(bearded);

        Assert.Contains("No_Beard", clean);
        Assert.DoesNotContain("No_Beard", bearded);
    }
}
