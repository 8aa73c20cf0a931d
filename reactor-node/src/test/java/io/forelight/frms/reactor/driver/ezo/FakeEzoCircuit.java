package io.forelight.frms.reactor.driver.ezo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** An EZO circuit in a test: answers scripted in advance, commands recorded. */
final class FakeEzoCircuit implements I2cDevice {

  final List<String> commands = new ArrayList<>();
  private final Deque<byte[]> answers = new ArrayDeque<>();
  boolean closed;
  IOException failNextRead;

  FakeEzoCircuit answer(int status, String data) {
    byte[] text = data.getBytes(StandardCharsets.US_ASCII);
    byte[] answer = new byte[text.length + 2];
    answer[0] = (byte) status;
    System.arraycopy(text, 0, answer, 1, text.length);
    answers.add(answer);
    return this;
  }

  FakeEzoCircuit answerBytes(byte... bytes) {
    answers.add(bytes);
    return this;
  }

  @Override
  public void write(byte[] bytes) {
    commands.add(new String(bytes, StandardCharsets.US_ASCII));
  }

  @Override
  public int read(byte[] buffer) throws IOException {
    if (failNextRead != null) {
      IOException e = failNextRead;
      failNextRead = null;
      throw e;
    }
    byte[] answer = answers.poll();
    if (answer == null) {
      return 0;
    }
    int n = Math.min(answer.length, buffer.length);
    System.arraycopy(answer, 0, buffer, 0, n);
    return n;
  }

  @Override
  public void close() {
    closed = true;
  }
}
