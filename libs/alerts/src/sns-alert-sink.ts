import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { alertText, type AlertMessage, type AlertSink } from './alert';

/** On AWS: one SNS Publish per message; subscribers (email, chat) fan it out. */
export class SnsAlertSink implements AlertSink {
  constructor(
    private readonly client: SNSClient,
    private readonly topicArn: string,
  ) {}

  /** The sink for a topic, with the SDK's default credentials (the job's role on AWS). */
  static forTopic(topicArn: string, region: string): SnsAlertSink {
    return new SnsAlertSink(new SNSClient({ region }), topicArn);
  }

  async send(message: AlertMessage): Promise<void> {
    const { subject, body } = alertText(message);
    const key = message.kind === 'firing' ? message.alert.key : message.key;
    await this.client.send(new PublishCommand({
      TopicArn: this.topicArn,
      Subject: subject,
      Message: body,
      // Attributes let a subscription filter (say, only errors to the pager).
      MessageAttributes: {
        kind: { DataType: 'String', StringValue: message.kind },
        key: { DataType: 'String', StringValue: key },
        severity: { DataType: 'String', StringValue: message.kind === 'firing' ? message.alert.severity : 'resolved' },
      },
    }));
  }
}
