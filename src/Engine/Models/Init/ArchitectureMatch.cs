namespace HndGate.Engine.Models.Init;

/// <summary>How well a weights file fits a built-in architecture: of its parameters and buffers before the head, how many the file has with the same shape.</summary>
public sealed record ArchitectureMatch(BuiltInArchitecture Architecture, int Matched, int Body, IReadOnlyList<string> Problems)
{
    public bool Fits => Matched == Body;
}
