/// The model cache the `k8s` target can add: a PersistentVolumeClaim and a download Job
/// that fills it, mounted into every Dynamo service.
public struct ModelCacheOptions: Sendable, Hashable, Codable {
  /// The PVC name.
  public var pvcName: String
  /// The PVC size (`100Gi`).
  public var size: String
  /// The storage class, if not the cluster default.
  public var storageClass: String?
  /// Where the cache is mounted; `HF_HOME` points here.
  public var mountPath: String
  /// The image of the download Job (must have `huggingface-cli`).
  public var downloadImage: String
  /// A secret holding `HF_TOKEN`, if the model is gated.
  public var tokenSecret: String?

  /// Model cache options; the defaults suit a public model.
  public init(
    pvcName: String = "model-cache", size: String = "100Gi", storageClass: String? = nil,
    mountPath: String = "/opt/models", downloadImage: String = "python:3.12-slim",
    tokenSecret: String? = nil
  ) {
    self.pvcName = pvcName
    self.size = size
    self.storageClass = storageClass
    self.mountPath = mountPath
    self.downloadImage = downloadImage
    self.tokenSecret = tokenSecret
  }
}
