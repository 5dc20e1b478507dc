using AiVideo.Core.Chaos;
using AiVideo.Core.Providers;

namespace AiVideo.McpServers.Hosting.Chaos;

/// <summary>A voice provider that fails on purpose (see <see cref="ChaosSpec"/>).</summary>
public sealed class ChaosVoiceProvider(IVoiceProvider inner, ChaosDice dice) : IVoiceProvider
{
    private static readonly ChaosFault[] Faults = [ChaosFault.Transient, ChaosFault.Hang, ChaosFault.ZeroLengthFile, ChaosFault.TruncatedFile, ChaosFault.WrongDurationAudio];

    public string Name => inner.Name;

    public Task<IReadOnlyList<VoiceInfo>> ListVoicesAsync(CancellationToken cancellationToken) => inner.ListVoicesAsync(cancellationToken);

    public async Task<SpeechResult> SynthesizeAsync(SpeechRequest request, CancellationToken cancellationToken)
    {
        var fault = dice.Roll(Faults, request.OutputPath);
        if (fault == ChaosFault.Transient) throw ChaosActions.Transient("voice");
        if (fault == ChaosFault.Hang) await ChaosActions.HangAsync(dice, cancellationToken).ConfigureAwait(false);
        var result = await inner.SynthesizeAsync(request, cancellationToken).ConfigureAwait(false);
        switch (fault)
        {
            case ChaosFault.ZeroLengthFile: ChaosActions.Truncate(request.OutputPath, 0); break;
            case ChaosFault.TruncatedFile: ChaosActions.Truncate(request.OutputPath, 0.3); break;
            case ChaosFault.WrongDurationAudio: HalveWav(request.OutputPath); break;
        }
        return result;
    }

    /// <summary>Keeps a valid WAV header but only the first half of the samples.</summary>
    private static void HalveWav(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 44) return;
        var dataSize = BitConverter.ToInt32(bytes, 40) / 2 / 2 * 2;
        var output = new byte[44 + dataSize];
        Array.Copy(bytes, output, 44 + dataSize);
        BitConverter.GetBytes(36 + dataSize).CopyTo(output, 4);
        BitConverter.GetBytes(dataSize).CopyTo(output, 40);
        File.WriteAllBytes(path, output);
    }
}
