using Microsoft.Extensions.Options;

namespace KazNer.Stream.Configuration;

[OptionsValidator]
internal sealed partial class PipelineOptionsValidator : IValidateOptions<PipelineOptions>;
