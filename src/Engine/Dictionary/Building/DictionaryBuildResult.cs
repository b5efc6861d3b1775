namespace HndGate.Engine.Dictionary.Building;

/// <summary>What <c>dictionary build</c> wrote.</summary>
public sealed record DictionaryBuildResult(string Root, int LocalImages, int Masks, int GlobalImages, string ContentHash);
