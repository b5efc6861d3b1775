namespace HndGate.Engine.Dictionary;

/// <summary>The content hash a manifest declares, and where, so that a mismatch can name the line.</summary>
public sealed record DeclaredContentHash(string Value, InputLocation Location);
