namespace HndGate.Engine.Dictionary.Synthesis;

/// <summary>The hair cuts the renderer draws.</summary>
internal enum HairStyle
{
    Short,
    Bob,
    Long,
    Receding,
}
