namespace HndGate.Engine.Dictionary;

/// <summary>A problem that <c>--lenient</c> turned into a warning: where it was found and what was dropped.</summary>
public sealed record DictionaryWarning(InputLocation Location, string Message)
{
    public override string ToString() => $"{Location}: {Message}";
}
