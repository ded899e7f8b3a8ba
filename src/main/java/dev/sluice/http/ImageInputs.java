package dev.sluice.http;

import dev.sluice.config.DataSize;
import dev.sluice.config.InputSpec;
import dev.sluice.config.MediaType;
import dev.sluice.image.ExifOrientation;
import dev.sluice.image.FourChannelJpeg;
import dev.sluice.image.JpegFrame;
import dev.sluice.worker.JobFolder;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.SampleModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * Checks an uploaded image by decoding it and stores it in the job's `in/` folder. Its pixel count is read from
 * the header and refused above max-pixels before any decoding; an image over max-dimension is subsampled while it
 * is read, so the full raster never sits in memory, then resized exactly and stored re-encoded.
 */
final class ImageInputs {

    private static final float JPEG_QUALITY = 0.9f;

    private final DecodeMemory memory;

    ImageInputs(DecodeMemory memory) {
        this.memory = memory;
    }

    /** Checks and stores the upload received at {@code received}; returns the stored file's name in `in/`. */
    String store(String input, InputSpec spec, Path received, JobFolder folder) throws IOException {
        MediaType format = formatOf(input, spec, received);
        ImageReader reader = ImageIO.getImageReadersByMIMEType(format.mediaTypeName()).next();
        try (ImageInputStream in = ImageIO.createImageInputStream(received.toFile())) {
            reader.setInput(in, true, true);
            Header header = header(input, format, reader, received);
            Optional<FourChannelJpeg> fourChannel = header.fourChannel();
            refuseTooManyPixels(input, spec, header);
            long outsideHeap = format == MediaType.JPEG
                    ? JpegFrame.of(received).map(JpegFrame::bufferedCoefficientBytes).orElse(0L) : 0L;
            refuseOverBudget(input, header, outsideHeap);
            DecodePlan plan = DecodePlan.of(header.width(), header.height(), spec.maxDimensionIfAny(), header.bytesPerPixel(),
                    memory.rasterBudget(outsideHeap));
            DecodeMemory.Lease lease = memory.hold(plan.bytes() + outsideHeap);
            try {
                BufferedImage decoded = decode(input, format, reader, fourChannel, plan);
                if (!plan.downscales()) {
                    return Uploads.moveInto(received, folder, input + "." + format.extension());
                }
                BufferedImage stored = plan.resizes() ? resize(decoded, plan.targetWidth(), plan.targetHeight()) : decoded;
                Optional<Integer> orientation = format == MediaType.JPEG ? ExifOrientation.of(received) : Optional.empty();
                String name = write(stored, format, orientation, folder, input);
                Files.delete(received);
                return name;
            } finally {
                lease.close();
            }
        } finally {
            reader.dispose();
        }
    }

    /** What the header says, read without decoding a pixel; a CMYK or YCCK JPEG is decoded by a reader of its own. */
    private record Header(int width, int height, int bytesPerPixel, Optional<FourChannelJpeg> fourChannel) {
    }

    private static Header header(String input, MediaType format, ImageReader reader, Path received) {
        try {
            Optional<FourChannelJpeg> fourChannel = FourChannelJpeg.of(reader, received);
            // why: its four channels are read whole, then converted into an RGB copy of the same size
            int bytesPerPixel = fourChannel.isPresent() ? 8 : bytesPerPixel(reader);
            return new Header(reader.getWidth(0), reader.getHeight(0), bytesPerPixel, fourChannel);
        } catch (IOException | RuntimeException unreadable) {
            throw notDecodable(input, format, unreadable);
        }
    }

    private static MediaType formatOf(String input, InputSpec spec, Path received) throws IOException {
        List<MediaType> accepted = spec.acceptedTypes();
        Optional<MediaType> signed = ContentSniffer.bySignature(ContentSniffer.head(received));
        if (signed.isPresent() && accepted.contains(signed.get())) {
            return signed.get();
        }
        throw Problems.badInput(input, "must be " + imageKinds(accepted) + " (judged by its content, not by its name); this file "
                + ContentSniffer.describe(received));
    }

    private static void refuseTooManyPixels(String input, InputSpec spec, Header header) {
        long pixels = (long) header.width() * header.height();
        if (pixels > spec.maxPixelsOrDefault()) {
            throw Problems.badInput(input, "is " + header.width() + " × " + header.height() + " pixels (" + pixelCount(pixels)
                    + "); at most " + pixelCount(spec.maxPixelsOrDefault()) + " are accepted, so it was not decoded; send a smaller"
                    + " image, or raise the input's max-pixels in the task's config" + (spec.maxPixels() == null ? " (not set: "
                    + pixelCount(InputSpec.DEFAULT_MAX_PIXELS) + " by default)" : "") + (spec.maxDimension() == null ? ""
                    : "; max-dimension scales an image down only once max-pixels has let it in"));
        }
    }

    // why: a progressive JPEG is decoded whole outside the heap whatever the subsampling; no plan makes that smaller
    private void refuseOverBudget(String input, Header header, long outsideHeap) {
        long least = outsideHeap + DecodePlan.CHECK_SIDE * DecodePlan.CHECK_SIDE * (long) header.bytesPerPixel();
        if (outsideHeap > 0 && least > memory.budget()) {
            throw Problems.badInput(input, "is a progressive JPEG of " + header.width() + " × " + header.height()
                    + " pixels; decoding it takes about " + new DataSize(outsideHeap) + ", more than server.decode-memory ("
                    + new DataSize(memory.budget()) + ") allows; send it smaller or as a baseline JPEG, or raise server.decode-memory");
        }
    }

    private static BufferedImage decode(String input, MediaType format, ImageReader reader, Optional<FourChannelJpeg> fourChannel,
                                        DecodePlan plan) {
        ImageReadParam param = reader.getDefaultReadParam();
        param.setSourceSubsampling(plan.step(), plan.step(), 0, 0);
        try {
            return fourChannel.isPresent() ? fourChannel.get().readRgb(param) : reader.read(0, param);
        } catch (IOException | RuntimeException broken) {
            // why: decoders report malformed data with runtime exceptions as well as IIOException
            throw notDecodable(input, format, broken);
        }
    }

    // why: a 16-bit RGBA PNG holds 8 bytes a pixel, a grey JPEG 1; the plan's memory estimate needs the real figure
    private static int bytesPerPixel(ImageReader reader) throws IOException {
        ImageTypeSpecifier type = reader.getRawImageType(0);
        if (type == null) {
            return 4;
        }
        SampleModel sample = type.getSampleModel(1, 1);
        int bits = Arrays.stream(sample.getSampleSize()).sum();
        return Math.max(1, Math.ceilDiv(bits, 8));
    }

    private static BufferedImage resize(BufferedImage source, int width, int height) {
        boolean alpha = source.getColorModel().hasAlpha();
        boolean grey = !alpha && source.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY;
        BufferedImage target = new BufferedImage(width, height,
                alpha ? BufferedImage.TYPE_INT_ARGB : grey ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return target;
    }

    // why: a photo stays a JPEG (as PNG it would be several times larger), turned as the original was; the lossless
    // formats become PNG
    private static String write(BufferedImage image, MediaType format, Optional<Integer> orientation, JobFolder folder,
                                String input) throws IOException {
        MediaType as = format == MediaType.JPEG ? MediaType.JPEG : MediaType.PNG;
        String name = input + "." + as.extension();
        ImageWriter writer = ImageIO.getImageWritersByMIMEType(as.mediaTypeName()).next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        if (as == MediaType.JPEG) {
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
        }
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(encoded)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        byte[] bytes = orientation.map(o -> ExifOrientation.writeInto(encoded.toByteArray(), o)).orElseGet(encoded::toByteArray);
        Files.write(folder.in().resolve(name), bytes);
        return name;
    }

    private static RuntimeException notDecodable(String input, MediaType format, Exception why) {
        String reason = why.getMessage() == null || why.getMessage().isBlank() ? why.getClass().getSimpleName() : why.getMessage();
        return Problems.badInput(input, "is not a decodable " + kind(format) + " image: " + reason);
    }

    /** "a PNG, JPEG, GIF or BMP image" */
    private static String imageKinds(List<MediaType> formats) {
        List<String> kinds = formats.stream().map(ImageInputs::kind).toList();
        String joined = kinds.size() == 1 ? kinds.get(0)
                : String.join(", ", kinds.subList(0, kinds.size() - 1)) + " or " + kinds.get(kinds.size() - 1);
        return "a " + joined + " image";
    }

    private static String kind(MediaType format) {
        return format.mediaTypeName().substring("image/".length()).toUpperCase(java.util.Locale.ROOT);
    }

    private static String pixelCount(long pixels) {
        if (pixels < 1_000_000) {
            return String.format(java.util.Locale.ROOT, "%,d pixels", pixels);
        }
        return new java.math.BigDecimal(pixels).movePointLeft(6).setScale(1, java.math.RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString() + " megapixels";
    }
}
