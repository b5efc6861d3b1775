namespace HndGate.Engine.Schemas;

/// <summary>One way a JSON document fails its schema: where (JSON pointer) and what, in words.</summary>
public sealed record SchemaViolation(string JsonPointer, string Message);
