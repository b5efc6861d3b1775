namespace HndGate.Engine.Dictionary;

/// <summary>A region or a concept type: its concepts, the local images carrying any of them, and their masks.</summary>
public sealed record GroupCount(string Name, int Concepts, int Images, int Masks);
