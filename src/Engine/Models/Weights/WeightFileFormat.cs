namespace HndGate.Engine.Models.Weights;

/// <summary>The weight files hnd-gate reads, told apart by their first bytes (TorchSharp's by its .dat extension).</summary>
public enum WeightFileFormat
{
    /// <summary><c>torch.save</c> since PyTorch 1.6: a zip of <c>data.pkl</c> and one record a storage.</summary>
    PyTorch,

    /// <summary><c>torch.save</c> before PyTorch 1.6 (or with <c>_use_new_zipfile_serialization=False</c>): pickles, then raw storages.</summary>
    PyTorchLegacy,

    /// <summary>Hugging Face's safetensors: a JSON header, then raw data.</summary>
    Safetensors,

    /// <summary>TorchSharp's <c>Module.save</c> (.dat).</summary>
    TorchSharp,
}
