using System.Runtime.InteropServices;
using System.Text;
using AiVideo.Core;
using AiVideo.Core.Providers;

namespace AiVideo.Media.Speech;

/// <summary>
/// The embedded voice: libespeak-ng in synchronous mode. Word timings are the synthesiser's own WORD events
/// (audio position in ms), mapped onto the text's tokens by byte position — not estimated from text length.
/// libespeak-ng is global to the process, so one synthesis runs at a time; the callback delegate is kept alive
/// for the provider's lifetime.
/// Determinism: a fresh process gives identical audio and timings for identical input; within one process
/// espeak-ng carries a little prosody state between utterances (measured: ≤ 10 ms drift of word starts), so the
/// Voice server stores each result by input hash and returns the stored one for a repeated request.
/// </summary>
public sealed class EspeakVoiceProvider : IVoiceProvider, IDisposable
{
    public const int MinRate = 80;
    public const int MaxRate = 450;
    public const int MaxTextLength = 5000;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly WordTimingMapper _mapper = new();
    private readonly EspeakNative.SynthCallback _callback;
    private int _sampleRate;

    /// <summary>espeak-ng's output rate (22050 Hz), known after the first initialisation.</summary>
    private int SampleRate { get; set; }
    private List<short>? _samples;
    private List<SynthWordEvent>? _events;

    public unsafe EspeakVoiceProvider() => _callback = OnSynth;

    public string Name => "espeak";

    public async Task<IReadOnlyList<VoiceInfo>> ListVoicesAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            EnsureInitialized();
            return ReadVoices();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<SpeechResult> SynthesizeAsync(SpeechRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Text)) throw new InvalidInputException("text is empty");
        if (request.Text.Length > MaxTextLength) throw new InvalidInputException($"text is {request.Text.Length} characters; at most {MaxTextLength}");
        if (request.Rate is < MinRate or > MaxRate) throw new InvalidInputException($"rate {request.Rate} must be {MinRate}..{MaxRate} words per minute");

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            EnsureInitialized();
            if (EspeakNative.SelectVoice(request.VoiceId) != 0)
            {
                var known = ReadVoices().Select(v => v.Id).Take(8);
                throw new InvalidInputException($"unknown voice '{request.VoiceId}' (e.g. {string.Join(", ", known)}; see list_voices)");
            }
            EspeakNative.SetParameter(EspeakNative.ParameterRate, request.Rate, 0);
            var (samples, events) = Synthesize(request.Text);
            cancellationToken.ThrowIfCancellationRequested();

            var sampleRate = SampleRate;
            var durationMs = (int)Math.Round(samples.Length * 1000.0 / sampleRate);
            var words = _mapper.Map(request.Text, events, durationMs);
            var temp = request.OutputPath + ".tmp";
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(request.OutputPath))!);
            WavWriter.Write(temp, samples, sampleRate);
            File.Move(temp, request.OutputPath, overwrite: true);
            return new SpeechResult(samples.Length / (double)sampleRate, sampleRate, words);
        }
        finally
        {
            _gate.Release();
        }
    }

    private unsafe (short[] Samples, List<SynthWordEvent> Events) Synthesize(string text)
    {
        _samples = new List<short>(_sampleRate * 30);
        _events = [];
        var bytes = Encoding.UTF8.GetBytes(text + "\0");
        fixed (byte* p = bytes)
        {
            var status = EspeakNative.Synth(p, (nuint)bytes.Length, 0, EspeakNative.PositionCharacter, 0, EspeakNative.CharsUtf8, null, IntPtr.Zero);
            if (status != 0) throw new InvalidOperationException($"espeak_Synth failed with status {status}");
        }
        EspeakNative.Synchronize();
        var result = (_samples.ToArray(), _events);
        _samples = null;
        _events = null;
        return result;
    }

    private unsafe int OnSynth(short* wav, int sampleCount, byte* events)
    {
        if (wav != null && sampleCount > 0)
        {
            _samples?.AddRange(new ReadOnlySpan<short>(wav, sampleCount));
        }
        for (var e = events; e != null; e += EspeakNative.EventSize)
        {
            var type = *(int*)e;
            if (type == EspeakNative.EventListTerminated) break;
            if (type == EspeakNative.EventWord)
            {
                _events?.Add(new SynthWordEvent(*(int*)(e + 8), *(int*)(e + 12), *(int*)(e + 16)));
            }
        }
        return 0;
    }

    private void EnsureInitialized()
    {
        if (_sampleRate > 0) return;
        try
        {
            _sampleRate = EspeakNative.Initialize(EspeakNative.AudioOutputSynchronous, 500, IntPtr.Zero, 0);
        }
        catch (DllNotFoundException ex)
        {
            throw new InvalidOperationException("libespeak-ng.so.1 not found: install the libespeak-ng1 and espeak-ng packages", ex);
        }
        if (_sampleRate <= 0) throw new InvalidOperationException("espeak_Initialize failed");
        SampleRate = _sampleRate;
        EspeakNative.SetSynthCallback(Marshal.GetFunctionPointerForDelegate(_callback));
    }

    private static unsafe List<VoiceInfo> ReadVoices()
    {
        var voices = new List<VoiceInfo>();
        var list = EspeakNative.ListVoices(IntPtr.Zero);
        for (var i = 0; ; i++)
        {
            var voice = Marshal.ReadIntPtr(list, i * IntPtr.Size);
            if (voice == IntPtr.Zero) break;
            var name = Marshal.PtrToStringUTF8(Marshal.ReadIntPtr(voice, 0)) ?? "";
            var languages = (byte*)Marshal.ReadIntPtr(voice, IntPtr.Size);
            // languages: [priority byte][language\0]... terminated by a zero priority byte.
            var language = languages == null || languages[0] == 0 ? "" : Marshal.PtrToStringUTF8((IntPtr)(languages + 1)) ?? "";
            if (language.Length > 0) voices.Add(new VoiceInfo(language, name, language.Split('-')[0], "espeak"));
        }
        return voices.OrderBy(v => v.Id, StringComparer.Ordinal).ToList();
    }

    public void Dispose() => _gate.Dispose();
}
