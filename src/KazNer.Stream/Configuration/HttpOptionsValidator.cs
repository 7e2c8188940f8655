using Microsoft.Extensions.Options;

namespace KazNer.Stream.Configuration;

[OptionsValidator]
internal sealed partial class HttpOptionsValidator : IValidateOptions<HttpOptions>;
