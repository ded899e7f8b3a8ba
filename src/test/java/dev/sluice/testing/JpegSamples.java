package dev.sluice.testing;

import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/** JPEGs that cameras and print shops make and ImageIO's defaults do not: four-channel CMYK and YCCK, and EXIF orientation. */
public final class JpegSamples {

    private static final String JPEG_TREE = "javax_imageio_jpeg_image_1.0";

    private JpegSamples() {
    }

    /**
     * A width × height JPEG of four channels, every pixel {@code cmyk}, with an Adobe marker of the given transform
     * (0: CMYK, 2: YCCK; Adobe's files store inverted values, 255 meaning no ink) or, when empty, none.
     */
    public static byte[] fourChannel(int width, int height, int[] cmyk, Optional<Integer> adobeTransform) {
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, 4, null);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setPixel(x, y, cmyk);
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            IIOMetadata metadata = null;
            if (adobeTransform.isPresent()) {
                metadata = withAdobeMarker(plainFourChannel(raster, writer), adobeTransform.get());
            }
            return write(writer, new IIOImage(raster, null, metadata));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    /** A pure red four-channel JPEG: plain CMYK with {@code transform} -1, else with an Adobe marker of that transform. */
    public static byte[] fourChannelRed(int width, int height, int transform) {
        return transform < 0 ? fourChannel(width, height, new int[] {0, 255, 255, 0}, Optional.empty())
                : fourChannel(width, height, new int[] {255, 0, 0, 255}, Optional.of(transform));
    }

    /** {@code jpeg} with an EXIF segment right after its start marker that holds only the orientation (1–8). */
    public static byte[] withOrientation(byte[] jpeg, int orientation, ByteOrder order) {
        ByteBuffer tiff = ByteBuffer.allocate(26).order(order);
        tiff.put(order == ByteOrder.BIG_ENDIAN ? new byte[] {'M', 'M', 0, 42} : new byte[] {'I', 'I', 42, 0}).putInt(8).putShort((short) 1)
                .putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0)
                .putInt(0);
        return withApp1(jpeg, concat(new byte[] {'E', 'x', 'i', 'f', 0, 0}, tiff.array()));
    }

    /** {@code jpeg} with an APP1 segment of {@code payload} right after its start marker. */
    public static byte[] withApp1(byte[] jpeg, byte[] payload) {
        int length = payload.length + 2;
        byte[] segment = concat(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length}, payload);
        byte[] result = new byte[jpeg.length + segment.length];
        System.arraycopy(jpeg, 0, result, 0, 2);
        System.arraycopy(segment, 0, result, 2, segment.length);
        System.arraycopy(jpeg, 2, result, 2 + segment.length, jpeg.length - 2);
        return result;
    }

    // why: the metadata of a four-channel JPEG is easiest had from one; the writer then keeps its markers
    private static IIOMetadata plainFourChannel(Raster raster, ImageWriter writer) throws IOException {
        byte[] plain = write(writer, new IIOImage(raster, null, null));
        ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(plain))) {
            reader.setInput(in);
            return reader.getImageMetadata(0);
        } finally {
            reader.dispose();
        }
    }

    private static IIOMetadata withAdobeMarker(IIOMetadata metadata, int transform) throws IOException {
        IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(JPEG_TREE);
        IIOMetadataNode markers = (IIOMetadataNode) root.getElementsByTagName("markerSequence").item(0);
        IIOMetadataNode adobe = new IIOMetadataNode("app14Adobe");
        adobe.setAttribute("version", "100");
        adobe.setAttribute("flags0", "0");
        adobe.setAttribute("flags1", "0");
        adobe.setAttribute("transform", String.valueOf(transform));
        markers.insertBefore(adobe, markers.getFirstChild());
        metadata.setFromTree(JPEG_TREE, root);
        return metadata;
    }

    private static byte[] write(ImageWriter writer, IIOImage image) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, image, writer.getDefaultWriteParam());
        }
        return bytes.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
