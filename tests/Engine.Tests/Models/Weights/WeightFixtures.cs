namespace HndGate.Engine.Tests.Models.Weights;

/// <summary>The committed weight files (made by Fixtures/make_weight_fixtures.py with PyTorch 1.13).</summary>
public static class WeightFixtures
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Models", "Weights", "Fixtures", name);
}
