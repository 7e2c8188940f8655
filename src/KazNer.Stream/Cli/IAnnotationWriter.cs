using KazNer.Core;

namespace KazNer.Stream.Cli;

/// <summary>One output of `kazner annotate` (--format); the record of the worker is <c>Records.AnnotatedRecordWriter</c>.</summary>
internal interface IAnnotationWriter : IDisposable
{
    void Write(NerDocument input, AnnotatedDocument annotated);
}
