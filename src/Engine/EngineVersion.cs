namespace HndGate.Engine;

/// <summary>The Engine's version as three numbers, recorded in what it writes (e.g. a dictionary's generator).</summary>
public static class EngineVersion
{
    public static string Text { get; } = typeof(EngineVersion).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
