namespace HndGate.Engine.Dictionary.Synthesis;

/// <summary>The options of <c>hnd-gate dictionary synth</c>, checked once by <see cref="Validate"/>.</summary>
public sealed record DictionarySynthOptions
{
    public const int MinSize = 32;
    public const int MaxSize = 512;

    /// <summary>The dictionary folder to write (Format B).</summary>
    public required string OutputFolder { get; init; }

    /// <summary>Side of the square images in pixels.</summary>
    public int Size { get; init; } = 64;

    /// <summary>Images of the local set (with masks).</summary>
    public int LocalImages { get; init; } = 2000;

    /// <summary>Images of the global set, split evenly over the subgroups of <see cref="SyntheticFamilies"/>.</summary>
    public int GlobalImages { get; init; } = 1000;

    public long Seed { get; init; } = 1;

    /// <summary>Replace a non-empty output folder.</summary>
    public bool Overwrite { get; init; }

    /// <summary>Throws <see cref="HndGateInputException"/> for options that cannot work.</summary>
    public void Validate()
    {
        if (Size is < MinSize or > MaxSize)
        {
            throw new HndGateInputException(FormattableString.Invariant($"--size {Size} is outside {MinSize} to {MaxSize} pixels"));
        }

        if (LocalImages < 0 || GlobalImages < 0 || LocalImages + GlobalImages == 0)
        {
            throw new HndGateInputException("--local and --global must be ≥ 0 and not both 0");
        }

        var subgroups = SyntheticFamilies.SubgroupCount;
        if (GlobalImages is > 0 && GlobalImages < subgroups)
        {
            throw new HndGateInputException(FormattableString.Invariant($"--global {GlobalImages} is too few: every one of the {subgroups} subgroups needs an image (give 0 or at least {subgroups})"));
        }
    }
}
