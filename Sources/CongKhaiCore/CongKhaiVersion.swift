/// The tool's version, written into the publication journal with every build.
public enum CongKhaiVersion {
    public static let current = "0.4.0"
}
